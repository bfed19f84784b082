/** The XHTML 1.0 entity table lives with the storage checker in the converter. */
export { XHTML_ENTITIES } from '../../src/convert/xml/well-formed.js';
