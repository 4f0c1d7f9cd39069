// In-memory LinkRequestStore for unit tests.
import type { LinkRequest, LinkRequestStore } from '../ports/link-requests';

export class MemoryLinkRequests implements LinkRequestStore {
  private readonly requests = new Map<string, LinkRequest>();

  async put(request: LinkRequest): Promise<void> {
    this.requests.set(`${request.connectionId}\n${request.pairId}`, structuredClone(request));
  }

  async get(connectionId: string, pairId: string): Promise<LinkRequest | null> {
    const r = this.requests.get(`${connectionId}\n${pairId}`);
    return r ? structuredClone(r) : null;
  }

  async list(): Promise<LinkRequest[]> {
    return [...this.requests.values()].map((r) => structuredClone(r)).sort((a, b) => a.requestedAt - b.requestedAt);
  }

  async remove(connectionId: string, pairId: string): Promise<void> {
    this.requests.delete(`${connectionId}\n${pairId}`);
  }
}
