// Evidence files: what a file is, told by its bytes (not its name), and the size limit.
import JSZip from 'jszip';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export type EvidenceType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The type of an evidence file from its first bytes; null when it is none of PDF, PNG, JPEG or .xlsx. */
export async function sniffEvidence(bytes: Buffer): Promise<EvidenceType | null> {
  if (bytes.subarray(0, 5).toString('binary') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('binary') === 'PK\x03\x04') {
    try {
      const zip = await JSZip.loadAsync(bytes);
      if (zip.file('xl/workbook.xml')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    } catch {
      return null;
    }
  }
  return null;
}
