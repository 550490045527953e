import type { BasemapKind } from '@streetgrid/geo';
import type { MultiLineString, MultiPolygon } from 'geojson';

/**
 * A whole street as plain rows with ids assigned up front, so one bulk writer serves the
 * demo generator, the import and the test fixtures alike.
 */
export interface StreetData {
  street: { id: string; code: string; name: string; geometry: MultiPolygon };
  grids: {
    id: string;
    parentId: string | null;
    code: string;
    name: string;
    level: 'LARGE' | 'MEDIUM' | 'SMALL';
    geometry: MultiPolygon;
  }[];
  buildings: {
    id: string;
    gridId: string;
    code: string;
    name: string;
    address: string;
    floors: number;
    units: number;
    footprint: MultiPolygon;
  }[];
  households: { id: string; buildingId: string; unit: number; room: string; address: string; size: number; tags: string[] }[];
  residents: {
    id: string;
    householdId: string;
    name: string;
    gender: 'MALE' | 'FEMALE';
    birthYear: number;
    relation: string;
    phone: string | null;
    idNumber: string | null;
    isPartyMember: boolean;
    isVolunteer: boolean;
    isRetiredCadre: boolean;
    isInServicePartyMember: boolean;
  }[];
  partyOrganizations: {
    id: string;
    parentId: string | null;
    level: 'STREET_COMMITTEE' | 'COMMUNITY' | 'COMPOUND_BRANCH' | 'BUILDING_GROUP' | 'CENTRAL_HOUSEHOLD';
    name: string;
    gridId: string | null;
    householdId: string | null;
    secretaryId: string | null;
    secretaryName: string | null;
  }[];
  leaders: { id: string; gridId: string; residentId: string | null; name: string; role: 'LEADER' | 'DEPUTY' | 'WORKER'; since: string }[];
  /** The offline base map: roads (MultiLineString by class), water and green (MultiPolygon); `code` is unique in the street. */
  basemap?: { code: string; kind: BasemapKind; name: string | null; geometry: MultiLineString | MultiPolygon }[];
}
