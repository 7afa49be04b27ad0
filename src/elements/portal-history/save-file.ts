/**
 * Hands a downloaded document to the browser as a file, with its name. The object URL lives long
 * enough for the browser to start the download, then is released.
 */
export function saveFile(blob: Blob, fileName: string, within: Node = document.body) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  within.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
