/*
 * Liaison change notice — ServiceNow business rule script.
 *
 * Install as an ASYNC business rule, "When: async", Insert and Update checked, on each table Liaison
 * mirrors (incident by default), and once more on Attachment [sys_attachment] with Insert checked
 * (adding a file does not touch the record itself); see docs/servicenow/INSTALL.md. Async keeps the
 * agent's save fast and runs after the record is committed, so Liaison's read sees the change.
 * The rule's Condition (INSTALL.md) limits it to changes of shared fields, comments and work notes;
 * the script itself skips the integration user's own writes, whatever the condition says.
 *
 * Works in the Global application (GlideCertificateEncryption) and in a scoped application
 * (CertificateEncryption, the scoped API): it uses whichever the scope offers. In a scoped app, set
 * PROPERTY_PREFIX below to your scope's prefix (e.g. 'x_acme_liaison.'), as its properties must carry it.
 * The secret lives in a private property of type password2 (encrypted at rest).
 *
 * What it sends (the format Liaison's `servicenow-notice` web trigger verifies):
 *   POST <liaison.notice.url>
 *   Content-Type: application/json
 *   X-Liaison-Timestamp: <Unix seconds>
 *   X-Liaison-Signature: sha256=<base64 HMAC-SHA256(secret, "<timestamp>.<body>")>
 *   {"table":"incident","sys_id":"<32 hex>","sys_updated_on":"YYYY-MM-DD HH:mm:ss","operation":"update"}
 *
 * For a new attachment the notice names the record it is attached to (operation "update"), so
 * Liaison reads that record with its attachments.
 *
 * The notice carries no field values: Liaison fetches the record itself through the Table API as its
 * integration user, so the roles of that user still decide what Liaison can see. A failed post is
 * only logged: Liaison's scheduled poll picks the change up within minutes anyway.
 */
/* global gs, GlideDateTime, GlideCertificateEncryption, CertificateEncryption, sn_ws, current, previous -- ServiceNow's server-side globals */
(function executeRule(current, _previous /* null in async rules */) {
  var PROPERTY_PREFIX = 'liaison.';
  var url = gs.getProperty(PROPERTY_PREFIX + 'notice.url', '');
  var secret = gs.getProperty(PROPERTY_PREFIX + 'notice.secret', '');
  if (!url || !secret) {
    gs.warn('Liaison: system properties ' + PROPERTY_PREFIX + 'notice.url and ' + PROPERTY_PREFIX + 'notice.secret must be set; notice not sent');
    return;
  }
  // Liaison's own writes come back to it through its own bookkeeping; a notice for them is wasted.
  var integrationUser = gs.getProperty(PROPERTY_PREFIX + 'integration.user', '');
  if (integrationUser && gs.getUserName() === integrationUser) return;

  // On sys_attachment the change is the parent record's: it gained a file.
  var isAttachment = current.getTableName() === 'sys_attachment';
  var table = isAttachment ? current.getValue('table_name') : current.getTableName();
  var sysId = isAttachment ? current.getValue('table_sys_id') : current.getUniqueValue();
  var operation = !isAttachment && current.operation() === 'insert' ? 'insert' : 'update';
  // Keys in exactly this order; the signature covers the body as sent.
  var body = JSON.stringify({
    table: table,
    sys_id: sysId,
    sys_updated_on: current.getValue('sys_updated_on'),
    operation: operation
  });
  var timestamp = String(Math.floor(new GlideDateTime().getNumericValue() / 1000));
  // generateMac takes the key base64-encoded and answers the MAC base64-encoded. CertificateEncryption
  // is the scoped API; GlideCertificateEncryption its Global-scope equivalent.
  var encryption = typeof CertificateEncryption !== 'undefined' ? new CertificateEncryption() : new GlideCertificateEncryption();
  var mac = encryption.generateMac(gs.base64Encode(secret), 'HmacSHA256', timestamp + '.' + body);

  try {
    var request = new sn_ws.RESTMessageV2();
    request.setEndpoint(url);
    request.setHttpMethod('post');
    request.setHttpTimeout(10000);
    request.setRequestHeader('Content-Type', 'application/json');
    request.setRequestHeader('X-Liaison-Timestamp', timestamp);
    request.setRequestHeader('X-Liaison-Signature', 'sha256=' + mac);
    request.setRequestBody(body);
    var response = request.execute();
    var status = response.getStatusCode();
    if (status >= 400 || status === 0) {
      gs.warn('Liaison: notice for ' + table + ' ' + sysId + ' answered ' + status + ': ' + (response.getErrorMessage() || response.getBody()));
    }
  } catch (ex) {
    gs.warn('Liaison: notice for ' + table + ' ' + sysId + ' failed: ' + ex);
  }
})(current, previous);
