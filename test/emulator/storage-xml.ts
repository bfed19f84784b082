/** The strict storage-format checker lives in the converter (the engine uses it too). */
export { checkStorageXml, formatXmlProblem, type XmlProblem } from '../../src/convert/xml/well-formed.js';
