// Table API payloads as ServiceNow shapes them (see the Table and Attachment API references): an
// incident read with sysparm_display_value=all and sysparm_exclude_reference_link=true, its
// sys_journal_field entries and its sys_attachment metadata.
export const INSTANCE = 'https://acme.service-now.com';
export const INCIDENT_ID = 'a9e30c7dc61122760116894de7bcc7bd';

const dv = (value: string, display = value) => ({ display_value: display, value });

export const incident = {
  sys_id: dv(INCIDENT_ID),
  number: dv('INC0010001'),
  short_description: dv("Can't access SFA software"),
  description: dv('The SFA login page times out.\r\n\r\nSteps:\r\n1. open SFA\r\n2. wait'),
  state: dv('2', 'In Progress'),
  priority: dv('2', '2 - High'),
  impact: dv('1', '1 - High'),
  urgency: dv('2', '2 - Medium'),
  assigned_to: dv('46d44a23a9fe19810012d100cca80666', 'Beth Anglin'),
  'assigned_to.email': dv('beth.anglin@example.com'),
  u_vendor_ref: dv('VR-77'),
  // display_value is in the user's time zone; the adapter reads the stored UTC value.
  sys_updated_on: dv('2025-06-02 09:01:30', '2025-06-02 11:01:30'),
  sys_updated_by: dv('beth.anglin'),
  sys_mod_count: dv('4'),
  comments: dv(''),
  work_notes: dv(''),
};

export const journal = [
  { sys_id: '1c741bd70b2322007518478d83673af3', element: 'comments', element_id: INCIDENT_ID, name: 'incident', value: 'Could you send a screenshot?', sys_created_on: '2025-06-02 08:55:00', sys_created_by: 'beth.anglin' },
  { sys_id: '2c741bd70b2322007518478d83673af4', element: 'work_notes', element_id: INCIDENT_ID, name: 'incident', value: '[code]<p>Checked the <b>load balancer</b>: pool <code>sfa-2</code> is down.</p>[/code]', sys_created_on: '2025-06-02 09:01:30', sys_created_by: 'beth.anglin' },
];

export const attachments = [
  {
    table_sys_id: INCIDENT_ID,
    size_bytes: '462',
    download_link: `${INSTANCE}/api/now/attachment/615ea769c0a80166001cf5f2367302f5/file`,
    sys_updated_on: '2025-06-02 08:50:21',
    sys_id: '615ea769c0a80166001cf5f2367302f5',
    sys_created_on: '2025-06-02 08:50:21',
    file_name: 'screenshot.png',
    sys_created_by: 'beth.anglin',
    compressed: 'true',
    table_name: 'incident',
    sys_mod_count: '0',
    content_type: 'image/png',
    size_compressed: '485',
  },
];
