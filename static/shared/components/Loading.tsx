import Spinner from '@atlaskit/spinner';

export function Loading({ label }: { label: string }) {
  return (
    <div className="lz-loading" role="status">
      <Spinner size="medium" label={label} />
      <span>{label}</span>
    </div>
  );
}
