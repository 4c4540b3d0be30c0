// The campaign claim as one statement (no server-only imports: the bench runs the very same SQL).
import { Prisma } from "../generated/prisma/client";

/**
 * Claims the campaign's next lead for the agent: pending, due (past its retry gap), the agent's own
 * or nobody's (agents call only leads they may see), not offered in this session yet, oldest due
 * first; FOR UPDATE SKIP LOCKED, so agents claiming at once (on any number of app servers) never
 * get the same lead (a lead nobody owns becomes the claimer's: claimCampaignLead). Answers the
 * lead's id, or no row. Do-not-call leads (and, with the consent rule, promotional leads without
 * consent) stay pending and are never offered.
 */
export function claimNextLeadSql(campaignId: string, agentId: string, sessionId: string | null, requireConsent = false): Prisma.Sql {
  return Prisma.sql`
    WITH next AS (
      SELECT cl."campaignId", cl."leadId" FROM campaign_lead cl JOIN lead l ON l.id = cl."leadId"
      WHERE cl."campaignId" = ${campaignId} AND cl.state = 'PENDING' AND cl."nextAt" <= (now() AT TIME ZONE 'UTC')
        AND (l."ownerId" IS NULL OR l."ownerId" = ${agentId})
        -- Never a do-not-call or erased lead; with the consent rule on, promotional leads need consent.
        AND NOT l."doNotCall" AND l."erasedAt" IS NULL AND NOT l."isTest"
        AND (NOT ${requireConsent}::boolean OR l.purpose = 'SERVICE' OR (l."consentAt" IS NOT NULL AND l."consentWithdrawnAt" IS NULL))
        AND NOT EXISTS (SELECT 1 FROM dialer_offer o WHERE o."sessionId" = ${sessionId} AND o."leadId" = cl."leadId")
      ORDER BY cl."nextAt", cl."leadId"
      LIMIT 1
      FOR UPDATE OF cl SKIP LOCKED
    )
    UPDATE campaign_lead c
    SET state = 'CLAIMED', "claimedById" = ${agentId}, "claimedAt" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC'
    FROM next WHERE c."campaignId" = next."campaignId" AND c."leadId" = next."leadId"
    RETURNING c."leadId"`;
}
