// Who is accountable on a side of a connection ("who do I call when sync breaks").
import { z } from 'zod';

export const contactSchema = z.object({
  name: z.string().min(1).max(255),
  role: z.enum(['accountable', 'responsible', 'informed']),
  email: z.email(),
});

export type Contact = z.infer<typeof contactSchema>;
