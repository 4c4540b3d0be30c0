"use client";
// The outcome form, loaded when a call needs one (after a call, Add outcome, Record outcome) rather
// than with every page that might show it. Server-rendered as before when a page opens with it shown.
import dynamic from "next/dynamic";

export const DispositionForm = dynamic(() => import("./disposition-form").then((m) => m.DispositionForm));
