// Jira Cloud's text limits and the messages it answers with (400, under `errors[field]`):
// - summary: 255 characters, "Summary can't exceed 255 characters." (Jira Cloud's current wording,
//   seen in 2022–2025 reports: github.com/tenable/integration-jira-cloud/issues/322,
//   github.com/prometheus-community/jiralert/issues/123; older sites said "Summary must be less
//   than 255 characters.");
// - description and comment bodies: 32,767 characters, "The entered text is too long. It exceeds
//   the allowed limit of 32,767 characters." (github.com/mozilla/jira-bugzilla-integration/pull/1134,
//   github.com/jenkinsci/jira-plugin/issues/667; limit also cited from jira.atlassian.com JRASERVER-64351).
// Not documented: how Jira counts an ADF document. The emulator counts its plain text (text nodes,
// one character per hard break and between blocks); Jira counts its stored form, which may reach
// the limit sooner for heavily formatted text. Marked in sandbox/platform/README.md.
import { adfToText } from './adf';
import type { AdfDoc } from './types';

export const SUMMARY_MAX = 255;
export const TEXT_MAX = 32_767;

export const SUMMARY_TOO_LONG = "Summary can't exceed 255 characters.";
export const TEXT_TOO_LONG = 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.';

export const textTooLong = (doc: AdfDoc | null): boolean => adfToText(doc).length > TEXT_MAX;
