// Public API of src/deliver: every export here is re-exported from the package entry.
export { deliverReport, parseRecipients, reportFiles, type DeliverReportOptions, type DeliveryOutcome, type EmailDelivery } from './deliver.js';
export { reportEmail, reportSubject, alertLine, alertNumber, type AlertNotice, type ReportEmail, type ReportEmailOptions, type ReportSummary } from './email-body.js';
export {
  createTransport,
  parseSmtpUrl,
  smtpConfigFromEnv,
  describeSmtp,
  maskSecret,
  senderOf,
  type SmtpConfig,
  type StartTls,
  type TransportConfig,
  type MailTransport,
  type MailMessage,
  type MailAttachment,
  type SentMail,
} from './mail.js';
export { withRetry, type RetryOptions, type RetryResult } from './retry.js';
export { sparklinePng, type SparklinePngOptions } from './sparkline-png.js';
export { postWebhook, reportWebhookBody, webhookTarget, webhookRetryable, WebhookError, type WebhookConfig, type ReportWebhookBody } from './webhook.js';
export { checkThreshold, checkChange, checkForecast, checkMissingData, evaluateRule, reconcileAlerts, lastFinishedPeriod, periodEnd, seriesLabel, forecastSeriesId, formatAlertNumber, type AlertCheck, type StoredForecast, type OpenAlert, type AlertChanges } from './alerts.js';
export { checkAlerts, openAlerts, recordAlerts, pendingNotices, markNotified, type PendingAlert, type AlertRow } from './alert-store.js';
