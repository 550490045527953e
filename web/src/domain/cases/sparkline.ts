/**
 * An SVG path through `values` (oldest first) in a `width` × `height` box, scaled from the
 * series' minimum to its maximum (a flat series is drawn midway); a null breaks the line.
 * Answers '' when nothing is known.
 */
export function sparkPath(values: readonly (number | null)[], width: number, height: number): string {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return '';
  const min = Math.min(...known);
  const max = Math.max(...known);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => (max === min ? height / 2 : height - ((v - min) / (max - min)) * height);
  let path = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${round(i * step)},${round(y(v))}`;
    pen = true;
  });
  return path;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
