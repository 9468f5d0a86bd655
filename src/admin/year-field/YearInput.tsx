/**
 * Edit-view input of the year custom field: a plain text box for digits. The design system's
 * NumberInput formats by the admin language (2.014 / 2,014), which is wrong for a year.
 * Digits are stored as a number; anything else is passed on as typed, so that the content
 * manager's integer validation names the error.
 */
import { forwardRef, type ChangeEvent, type ReactNode } from 'react';
import { Field, TextInput } from '@strapi/design-system';

interface YearInputProps {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  disabled?: boolean;
  labelAction?: ReactNode;
  value?: number | string | null;
  onChange: (name: string, value: number | string | null) => void;
}

export const YearInput = forwardRef<HTMLInputElement, YearInputProps>(
  ({ name, label, hint, error, required, disabled, labelAction, value, onChange }, ref) => (
    <Field.Root name={name} id={name} hint={hint} error={error} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <TextInput
        ref={ref}
        inputMode="numeric"
        autoComplete="off"
        disabled={disabled}
        value={value ?? ''}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          const typed = event.target.value.trim();
          onChange(name, typed === '' ? null : /^\d+$/.test(typed) ? Number(typed) : typed);
        }}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  )
);
