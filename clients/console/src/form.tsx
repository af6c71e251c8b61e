/**
 * A form generated from an action's zod schema, the same one the API validates with: labels and help
 * from the dictionaries (falling back to the schema's description), enumerations as selects, dates as
 * dates, money (`…Fen`) typed in yuan, booleans as checkboxes. The actor field is never shown: the API
 * stamps it from the signed-in key. Input is checked with the schema before it is sent; a refusal is
 * shown next to the field it names, or above the form.
 */
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { ACTOR_FIELDS, ActionSchemas } from '../../../domain/lifecycle/actions';
import type { ContractStatus, MeResponse } from '../../sdk/api-contract';
import { api, ProblemError } from './api';
import { useIdempotencyKey } from './attempt';
import { fenOf } from './format';
import type { Dict } from './i18n';
import { fieldErrorsOf, refusalText } from './problems';

interface JsonField {
  type?: string;
  enum?: string[];
  const?: string;
  format?: string;
  description?: string;
  maxLength?: number;
  items?: JsonField;
  properties?: Record<string, JsonField>;
  required?: string[];
  oneOf?: JsonField[];
  anyOf?: JsonField[];
}

const schemas = ActionSchemas as unknown as Record<string, z.ZodType | undefined>;
const actors = ACTOR_FIELDS as Record<string, string | undefined>;

export function actorField(action: string): string | undefined {
  return actors[action];
}

function jsonOf(action: string): JsonField {
  const schema = schemas[action];
  return schema ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonField) : {};
}

/** The variant of a discriminated union (service-request) chosen by its `type`. */
function variantOf(json: JsonField, type: string | undefined): JsonField {
  const variants = json.oneOf ?? json.anyOf;
  if (!variants) return json;
  return variants.find((v) => v.properties?.type?.const === type) ?? variants[0]!;
}

function valueOf(field: JsonField, name: string, raw: string | boolean | undefined): unknown {
  if (field.type === 'boolean') return raw === true;
  if (raw === undefined || raw === '') return undefined;
  const text = String(raw);
  if (name.endsWith('Fen')) return fenOf(text) ?? text;
  if (field.type === 'integer' || field.type === 'number') return Number(text);
  if (field.type === 'array')
    return text
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  if (field.type === 'object') {
    return Object.fromEntries(
      text
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim()]),
    );
  }
  return text;
}

export interface ActionFormProps {
  dict: Dict;
  me: MeResponse;
  contractNo: string;
  action: string;
  /** Fields the obligation already fixes (its document type, its line): sent, not shown. */
  fixed?: Record<string, unknown>;
  /** What the form discharges, as its heading (e.g. the document it hands in); else the action's name. */
  subject?: string;
  onDone: (status: ContractStatus) => void;
}

export function ActionForm({ dict, me, contractNo, action, fixed = {}, subject, onDone }: ActionFormProps) {
  const json = jsonOf(action);
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [top, setTop] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const idempotency = useIdempotencyKey();
  const actor = actorField(action);
  const shape = variantOf(json, values.type as string | undefined);
  const props = shape.properties ?? {};
  const shown = Object.keys(props).filter((n) => n !== actor && !(n in fixed));
  const formId = `form-${action}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = { ...fixed };
    for (const name of shown) {
      const v = valueOf(props[name]!, name, values[name]);
      if (v !== undefined) body[name] = v;
    }
    // Never sent: the API stamps the caller's key id. Filled in for the check, which is the API's own schema.
    const schema = schemas[action];
    const parsed = schema?.safeParse(actor ? { ...body, [actor]: me.keyId } : body);
    if (parsed && !parsed.success) {
      setErrors(
        Object.fromEntries(
          parsed.error.issues.map((i) => {
            const path = i.path.join('.') || '(root)';
            // zod's own words for a missing field are for developers; a person reads "required".
            const missing = i.code === 'invalid_type' && body[path] === undefined;
            return [path, missing ? dict.t('required') : i.message];
          }),
        ),
      );
      setTop(null);
      return;
    }
    const key = idempotency.keyFor(body);
    setSending(true);
    setErrors({});
    setTop(null);
    try {
      const status = await api.act(contractNo, action, body, key);
      idempotency.settled();
      setValues({});
      onDone(status);
    } catch (err) {
      const p = err instanceof ProblemError ? err.problem : null;
      const byField = Object.fromEntries(
        (p ? fieldErrorsOf(p) : []).filter((x) => x.path in props).map((x) => [x.path, x.message]),
      );
      setErrors(byField);
      setTop(refusalText(dict, p, err));
    } finally {
      setSending(false);
    }
  };

  return (
    <form id={formId} class="action-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{subject ?? dict.action(action)}</h3>
      {top && (
        <p class="problem" role="alert">
          {top}
        </p>
      )}
      {shown.map((name) => (
        <Field
          key={name}
          id={`${formId}-${name}`}
          name={name}
          field={props[name]!}
          required={(shape.required ?? []).includes(name)}
          dict={dict}
          value={values[name]}
          error={errors[name]}
          onChange={(v) => setValues({ ...values, [name]: v })}
        />
      ))}
      <button type="submit" disabled={sending}>
        {sending ? dict.t('sending') : dict.action(action)}
      </button>
    </form>
  );
}

interface FieldProps {
  id: string;
  name: string;
  field: JsonField;
  required: boolean;
  dict: Dict;
  value: string | boolean | undefined;
  error?: string;
  onChange: (v: string | boolean) => void;
}

function Field({ id, name, field, required, dict, value, error, onChange }: FieldProps) {
  const { label, help } = dict.field(name, field.description);
  const described = [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = { id, name, 'aria-describedby': described, 'aria-invalid': error ? true : undefined };
  const text = typeof value === 'string' ? value : '';
  const set = (e: Event) => onChange((e.currentTarget as HTMLInputElement).value);
  const enumValues = field.enum ?? (field.const !== undefined ? [field.const] : undefined);
  let input;
  if (field.type === 'boolean') {
    input = (
      <input
        {...common}
        type="checkbox"
        checked={value === true}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
    );
  } else if (enumValues) {
    input = (
      <select {...common} value={text} onChange={set} required={required}>
        <option value="">—</option>
        {enumValues.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  } else if (field.format === 'date') {
    input = <input {...common} type="date" value={text} onInput={set} required={required} />;
  } else if (name.endsWith('Fen')) {
    input = (
      <input {...common} type="text" inputMode="decimal" value={text} onInput={set} required={required} />
    );
  } else if (field.type === 'integer' || field.type === 'number') {
    input = <input {...common} type="number" value={text} onInput={set} required={required} />;
  } else if (field.type === 'array' || field.type === 'object' || (field.maxLength ?? 0) > 200) {
    input = <textarea {...common} rows={3} value={text} onInput={set} required={required} />;
  } else {
    input = <input {...common} type="text" value={text} onInput={set} required={required} />;
  }
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>
        {label}
        {name.endsWith('Fen') && ` (${dict.t('yuan')})`}
        {required && <span class="req"> *</span>}
      </label>
      {input}
      {help && (
        <small id={`${id}-help`} class="help">
          {help}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
