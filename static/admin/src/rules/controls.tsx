// Rule editor controls: each owns a rule path and shows the validation problems at or below it,
// tied to the input with aria-describedby so screen readers announce them.
import { useEffect, useState } from 'react';
import { Checkbox } from '@atlaskit/checkbox';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { controlId, problemsAt, type Problem } from '../logic/validation-errors';

type Base = { path: string; label: string; problems: readonly Problem[]; help?: string };

function Messages({ id, messages, help }: { id: string; messages: string[]; help?: string }) {
  return (
    <div id={`${id}-msg`}>
      {help && <HelperMessage>{help}</HelperMessage>}
      {messages.map((m, i) => (
        <ErrorMessage key={i}>{m}</ErrorMessage>
      ))}
    </div>
  );
}

const describedBy = (id: string, messages: string[], help?: string) => (messages.length || help ? `${id}-msg` : undefined);

/** `live`: report every keystroke (plain text); otherwise on blur or Enter (parsed lists and maps). */
export function TextControl({ path, label, problems, help, value, onChange, multiline, live }: Base & { value: string; onChange: (v: string) => void; multiline?: boolean; live?: boolean }) {
  const id = controlId(path);
  const messages = problemsAt(problems, path);
  // Lists and maps are parsed from text; keep the admin's own text while they type.
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  // Atlaskit's TextArea styles isInvalid but does not set aria-invalid, so screen readers would miss it.
  const common = { id, value: text, isInvalid: messages.length > 0, 'aria-invalid': messages.length > 0 || undefined, 'aria-describedby': describedBy(id, messages, help) };
  return (
    <div className="lz-field">
      <Label htmlFor={id}>{label}</Label>
      {multiline ? (
        <TextArea {...common} minimumRows={3} resize="vertical" onChange={(e) => setText(e.target.value)} onBlur={() => onChange(text)} />
      ) : (
        <Textfield
          {...common}
          onChange={(e) => {
            const v = (e.target as HTMLInputElement).value;
            setText(v);
            if (live) onChange(v);
          }}
          onBlur={() => onChange(text)}
          onKeyDown={(e) => {
            // Enter commits the text; saving stays an explicit press of the Save button.
            if (e.key === 'Enter') {
              e.preventDefault();
              onChange(text);
            }
          }}
        />
      )}
      <Messages id={id} messages={messages} help={help} />
    </div>
  );
}

export function CheckControl({ path, label, problems, help, checked, onChange }: Base & { checked: boolean; onChange: (v: boolean) => void }) {
  const id = controlId(path);
  // A checkbox that reveals sub-controls (pilot, create) leaves their problems to them.
  const messages = problemsAt(problems.filter((p) => p.path === path), path);
  return (
    <div className="lz-field">
      <Checkbox id={id} label={label} isChecked={checked} onChange={(e) => onChange(e.target.checked)} isInvalid={messages.length > 0} aria-describedby={describedBy(id, messages, help)} />
      <Messages id={id} messages={messages} help={help} />
    </div>
  );
}

export type Choice<T extends string> = { label: string; value: T };

export function SelectControl<T extends string>({ path, label, problems, help, value, options, onChange }: Base & { value: T | null; options: Array<Choice<T>>; onChange: (v: T) => void }) {
  const id = controlId(path);
  const messages = problemsAt(problems, path);
  return (
    <div className="lz-field">
      <Label htmlFor={id}>{label}</Label>
      <Select<Choice<T>>
        inputId={id}
        options={options}
        value={options.find((o) => o.value === value) ?? null}
        onChange={(o) => o && onChange(o.value)}
        isInvalid={messages.length > 0}
        aria-describedby={describedBy(id, messages, help)}
      />
      <Messages id={id} messages={messages} help={help} />
    </div>
  );
}

/** Problems for a table cell: just the messages, placed by the caller. */
export function InlineProblems({ path, problems }: { path: string; problems: readonly Problem[] }) {
  const messages = problemsAt(problems, path);
  if (messages.length === 0) return null;
  return <Messages id={controlId(path)} messages={messages} />;
}
