import { mutationOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { createDispositionSchema, updateDispositionSchema } from "../dispositions/schemas";
import type { toDispositionDto } from "../dispositions/service";
import { listQuery, send } from "./api";

export type DispositionDto = ReturnType<typeof toDispositionDto>;

export const dispositionKeys = {
  all: ["dispositions"] as const,
  active: () => [...dispositionKeys.all, "active"] as const,
  admin: () => [...dispositionKeys.all, "admin"] as const,
};

export const activeDispositionsOptions = () => listQuery<DispositionDto>(dispositionKeys.active(), "/api/v1/dispositions");

export const allDispositionsOptions = () => listQuery<DispositionDto>(dispositionKeys.admin(), "/api/v1/dispositions?all=1");

export const createDisposition = (input: z.input<typeof createDispositionSchema>) =>
  send<DispositionDto>("POST", "/api/v1/dispositions", input);
export const updateDisposition = (id: string, patch: z.input<typeof updateDispositionSchema>) =>
  send<DispositionDto>("PATCH", `/api/v1/dispositions/${id}`, patch);

export const createDispositionMutation = () =>
  mutationOptions({
    mutationFn: createDisposition,
    onSuccess: (_d, _v, _r, { client }) => void client.invalidateQueries({ queryKey: dispositionKeys.all }),
  });
export const updateDispositionMutation = (id: string) =>
  mutationOptions({
    mutationFn: (patch: z.input<typeof updateDispositionSchema>) => updateDisposition(id, patch),
    onSettled: (_d, _e, _v, _r, { client }) => client.invalidateQueries({ queryKey: dispositionKeys.all }),
  });
