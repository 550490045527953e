import ExcelJS from 'exceljs';

/**
 * A sheet of an XLSX file as rows of cell values (empty cells null, `columns` wide), read with the
 * library that wrote it: for tests outside the api package (e2e), which does not depend on exceljs.
 */
export async function sheetRows(bytes: Buffer, sheet: string, columns: number): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet} in the workbook (${wb.worksheets.map((w) => w.name).join(', ')})`);
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push(Array.from({ length: columns }, (_, i) => row.getCell(i + 1).value ?? null)));
  return rows;
}
