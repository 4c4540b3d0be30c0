import type { FormEvent } from "react";

/** A form's onSubmit that stays on the page: the browser's navigation is cancelled, `fn` runs. */
export const onSubmit =
  <E extends HTMLFormElement>(fn: (form: E) => void) =>
  (e: FormEvent<E>) => {
    e.preventDefault();
    fn(e.currentTarget);
  };
