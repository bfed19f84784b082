export type CheckId = 'config' | 'site' | 'credentials' | 'space' | 'parent' | 'manifest' | 'rate-limit';

/** ok; fail (exit 1); warn (worth knowing, not a failure); skip (an earlier check failed). */
export type CheckStatus = 'ok' | 'fail' | 'warn' | 'skip';

export interface DoctorCheck {
  id: CheckId;
  status: CheckStatus;
  /** One line: what was found. */
  message: string;
  /** What to do about it (fail and warn). */
  fix?: string;
  /** The error code behind a failure, when there is one. */
  code?: string;
}

export interface DoctorReport {
  checks: DoctorCheck[];
  ok: boolean;
}
