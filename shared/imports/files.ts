/** The encodings a CSV may be read in (detected, or chosen in the wizard). */
export const CSV_ENCODING_NAMES = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;

/** Largest file the wizard uploads: a 100,000-row, 20-column sheet is about 15 MB. */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
