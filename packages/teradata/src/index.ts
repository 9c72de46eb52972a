export { TeradataTranslator, type StatementTranslation } from './translate';
export { splitStatements, type ScriptStatement } from './split-statements';
