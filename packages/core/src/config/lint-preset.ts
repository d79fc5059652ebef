/**
 * A curated set of golangci-lint linters.
 */
export enum LintPreset {
  /** golangci-lint's standard linters plus a few with almost no false positives. */
  STANDARD = "standard",
  /** Standard plus bug, security and style linters most Go services want. */
  RECOMMENDED = "recommended",
  /** Recommended plus strict style and test-hygiene linters. */
  STRICT = "strict",
}
