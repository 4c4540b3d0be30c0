"use client";
// The outcome form, loaded when a call needs one (after a call, Add outcome, Record outcome) rather
// than with every page that might show it. Server-rendered as before when a page opens with it shown.
import { lazyComponent } from "@/components/ui/lazy";

export const DispositionForm = lazyComponent(() => import("./disposition-form").then((m) => m.DispositionForm));
