// The dashboard's period and scope, shared by its sections (calls, speed to lead): one reading of
// the query's dates (India days, two weeks to today unless given, at most a year) and one `where`.
import "server-only";
import type { z } from "zod";
import type { Actor } from "../auth/actor";
import { workOfSql } from "../auth/policy";
import { validationError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { istDay, istMidnight } from "../time/india";
import type { dashboardQuerySchema } from "./schemas";

export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

const DAY_MS = 86_400_000;

/** From and to as India days (inclusive), and the instants [start, end) they cover. */
export function dashboardPeriod(query: DashboardQuery) {
  const to = query.to ?? istDay();
  const from = query.from ?? istDay(new Date(istMidnight(to).getTime() - 13 * DAY_MS));
  const start = istMidnight(from);
  const end = new Date(istMidnight(to).getTime() + DAY_MS);
  if (Number.isNaN(start.getTime())) throw validationError({ from: "is not a valid date" });
  if (Number.isNaN(end.getTime())) throw validationError({ to: "is not a valid date" });
  if (end <= start) throw validationError({ to: "must be on or after from" });
  if (end.getTime() - start.getTime() > 366 * DAY_MS) throw validationError({ to: "the range can be at most a year" });
  return { from, to, start, end };
}

/** Managers: themselves and their team; admins: everyone (the policy's scope); optionally one agent. */
export function dashboardScope(actor: Actor, query: DashboardQuery, column: string): Prisma.Sql {
  const team = workOfSql(actor, column);
  return query.agentId ? Prisma.sql`${team} AND ${Prisma.raw(column)} = ${query.agentId}` : team;
}
