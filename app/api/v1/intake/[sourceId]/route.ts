// A lead source's URL: websites, portals and automation tools post leads here, as JSON or as a
// form, with the source's token (?token= or the X-Intake-Token header). Stored raw first, then read.
import { route } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { readBodyText } from "@/lib/http/body";
import { clientAddress } from "@/lib/http/client-address";
import { peek } from "@/lib/http/rate-limit";
import { MAX_DELIVERY_BYTES, REFUSED_LIMIT, receiveDelivery, refusedDelivery } from "@/lib/intake/sources";

export const POST = route<{ sourceId: string }>(
  async (request, params) => {
    // An address that keeps sending wrong tokens is told to stop before anything is read.
    const refusedKey = `intake-refused:${clientAddress(request.headers)}`;
    const refused = await peek(refusedKey, REFUSED_LIMIT);
    if (refused.exceeded)
      throw new AppError("RATE_LIMITED", "Too many refused deliveries from this address", { retryAfter: refused.retryAfter });
    const { text } = await readBodyText(request, MAX_DELIVERY_BYTES);
    const url = new URL(request.url);
    const result = await receiveDelivery({
      sourceId: params.sourceId ?? "",
      token: request.headers.get("x-intake-token") ?? url.searchParams.get("token"),
      contentType: request.headers.get("content-type"),
      body: text,
    }).catch(async (error: unknown) => {
      if (error instanceof AppError && error.kind === "UNAUTHORIZED") await refusedDelivery(refusedKey);
      throw error;
    });
    // Kept either way; a lead without a readable, callable number is the sender's to fix (422, naming the field).
    if (result.status === "SKIPPED")
      return Response.json(
        {
          error: { code: "VALIDATION", message: `No lead made: ${result.reason}`, fields: { phone: result.reason } },
          deliveryId: result.deliveryId,
        },
        { status: 422 },
      );
    // 202: stored, but processing failed on our side; an admin can process it again.
    const status = { CREATED: 201, ENQUIRED_AGAIN: 200, DUPLICATE: 200, FAILED: 202, RECEIVED: 202, TEST: 200 }[result.status];
    return Response.json({ ok: true, ...result }, { status });
  },
  { crossSite: true },
);
