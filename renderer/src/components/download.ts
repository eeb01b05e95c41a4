/**
 * Hands a file to the browser's (or Electron's) download, which saves it or asks where: the
 * exports, the import template and chart images all leave the app this way.
 */
const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv',
  png: 'image/png',
} as const;

export type DownloadFormat = keyof typeof MIME;

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: the download reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file the API returned as base64. */
export function downloadBase64(base64: string, fileName: string, format: DownloadFormat): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(new Blob([bytes], { type: MIME[format] }), fileName);
}
