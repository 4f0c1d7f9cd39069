export { fieldKeySchema, isFieldKey, isUserField, standardFieldKeys, type FieldKey, type StandardFieldKey } from './field-key';
export { describeValue, empty, hashValue, normalizeValue, replicaValueSchema, type ReplicaValue, type UserValue } from './value';
export { attachmentReplicaSchema, commentReplicaSchema, replicaSchema, type AttachmentReplica, type CommentReplica, type Replica, type ReplicaField } from './replica';
export type { IssueSnapshot, SnapshotAttachment, SnapshotComment } from './snapshot';
