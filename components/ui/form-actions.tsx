// The end of a form: Cancel (when it can be cancelled) and the submit button, right-aligned.
import type { ComponentProps } from "react";
import { Button } from "./button";

export function FormActions({
  submit,
  onCancel,
  loading,
  size,
  className = "flex justify-end gap-2",
  ...submitProps
}: {
  submit: string;
  /** No Cancel button without it. */
  onCancel?: () => void;
  loading: boolean;
  size?: ComponentProps<typeof Button>["size"];
  className?: string;
  disabled?: boolean;
  id?: string;
  "data-testid"?: string;
}) {
  return (
    <div className={className}>
      {onCancel && (
        <Button variant={size === "sm" ? "ghost" : "secondary"} size={size} onClick={onCancel}>
          Cancel
        </Button>
      )}
      <Button type="submit" size={size} loading={loading} {...submitProps}>
        {submit}
      </Button>
    </div>
  );
}
