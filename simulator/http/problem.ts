import type { Response } from 'express';

/** An RFC 9457 problem document; the simulator adds `felkod` and `felmeddelande` where they apply. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  felkod?: string;
  felmeddelande?: string[];
  errors?: { path: string; message: string }[];
}

export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', ...problem }));
}
