export * from './envelope';
export { signEnvelope, signature } from './sign';
export { DEFAULT_MAX_BYTES, DEFAULT_SKEW_MS, peekEnvelope, verifyEnvelope, type Peek, type VerifyContext, type VerifyReason } from './verify';
export { createInvitation, deriveConnectionSecret, parseInvitation, DEFAULT_INVITATION_TTL_MS, type Invitation, type PendingInvitation } from './invitation';
export { acceptInvitation, handleHello, handleWelcome, type AcceptedInvitation, type HandshakeReason, type InviterOutcome } from './handshake';
export { ATTACHMENT_REF_TTL_MS, attachmentRefSignature, buildAttachmentRef, checkIncomingAttachmentRef, parseAttachmentQuery, verifyAttachmentRef, type AttachmentRefBuilder, type AttachmentRefCheck, type AttachmentRefParts, type IncomingRefExpectation, type IncomingRefRefusal } from './attachment-ref';
export { ATTACHMENT_CHUNK_BYTES, chunkUrl, contentRange, parseChunkQuery, parseContentRange, type ByteRange } from './attachment-chunks';
