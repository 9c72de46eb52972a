import { readFileSync } from 'node:fs';
import { TPCH_DDL_FILE } from '../src';

/**
 * TPC-H's eight tables as a Teradata dump would write them: the teradata-migration lab's shipped source
 * DDL, without its leading comment lines.
 */
export const TPCH_TERADATA_DDL = `\n${readFileSync(TPCH_DDL_FILE, 'utf8').replace(/^(--[^\n]*\n)+/, '')}`;
