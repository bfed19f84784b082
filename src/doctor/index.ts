export { runDoctor, type DoctorOptions } from './run.js';
export { doctorMarkdown, doctorText } from './format.js';
export type { CheckId, CheckStatus, DoctorCheck, DoctorReport } from './types.js';
export { isSetupFailure } from './early.js';
