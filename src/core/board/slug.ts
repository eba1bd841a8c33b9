/** A branch- and folder-safe form of a title: ASCII, lowercase, dashes; empty when nothing survives. */
export function slugify(title: string, max = 32): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}
