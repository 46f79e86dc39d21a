/** "Nguyễn Văn An" -> "N***** V** A*": enough to recognise a certificate, not to identify a person. */
export function maskFullName(fullName: string): string {
  return fullName
    .normalize('NFC')
    .trim()
    .split(/\s+/)
    .map((word) => {
      const letters = [...word];
      return letters[0] + '*'.repeat(Math.max(1, letters.length - 1));
    })
    .join(' ');
}
