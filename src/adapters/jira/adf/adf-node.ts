// ADF as it arrives from Jira: any JSON. Read defensively — a node type Jira adds next year must
// degrade to readable text, never break a sync.
export type AdfNode = { type: string; attrs?: Record<string, unknown>; content?: unknown[]; marks?: unknown[]; text?: string };

export type AdfDoc = { type: 'doc'; version: 1; content: AdfNode[] };

export const isAdfNode = (v: unknown): v is AdfNode =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { type?: unknown }).type === 'string';

export const childrenOf = (node: AdfNode): AdfNode[] => (Array.isArray(node.content) ? node.content.filter(isAdfNode) : []);

export function attr(node: AdfNode, name: string): unknown {
  return node.attrs && typeof node.attrs === 'object' ? node.attrs[name] : undefined;
}

export function stringAttr(node: AdfNode, name: string): string | undefined {
  const v = attr(node, name);
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
