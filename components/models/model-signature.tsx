import { Card } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { ModelSignatures } from "@/lib/models/signatures";

type Row = { name: string | null; type: string; shape: readonly (number | string)[] | null };

const shapeText = (shape: Row["shape"]) =>
  shape === null ? "—" : `[${shape.map((d) => (d === -1 ? "?" : String(d))).join(", ")}]`;

function SignatureTable({ label, rows }: { label: string; rows: Row[] }) {
  return (
    <div className="overflow-x-auto">
      <Table aria-label={label}>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Type</Th>
            <Th>Shape</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <Tr key={`${r.name}-${i}`}>
              <Td className="font-mono">{r.name ?? <span className="text-muted">(unnamed)</span>}</Td>
              <Td className="font-mono">{r.type}</Td>
              <Td className="font-mono tabular-nums">{shapeText(r.shape)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

/**
 * The model's contract, read from its files: an ONNX file's inputs and outputs, an MLmodel's signature.
 * Nothing is shown for a model that has neither.
 */
export function ModelSignatureCard({ signatures }: { signatures: ModelSignatures }) {
  const { onnx, mlflow } = signatures;
  if (!onnx && !mlflow) return null;
  return (
    <Card title="Signature">
      <div className="flex flex-col gap-4">
        {onnx ? (
          <section aria-label={`ONNX signature of ${onnx.path}`} className="flex flex-col gap-2">
            <h3 className="text-sm font-medium">
              ONNX <span className="font-mono font-normal text-muted">{onnx.path}</span>
            </h3>
            {onnx.signature ? (
              <>
                <SignatureTable label="ONNX inputs" rows={onnx.signature.inputs} />
                <SignatureTable label="ONNX outputs" rows={onnx.signature.outputs} />
              </>
            ) : (
              <p className="text-sm text-danger">This file could not be read as an ONNX model.</p>
            )}
          </section>
        ) : null}
        {mlflow ? (
          <section aria-label={`MLflow signature of ${mlflow.path}`} className="flex flex-col gap-2">
            <h3 className="text-sm font-medium">
              MLflow <span className="font-mono font-normal text-muted">{mlflow.path}</span>
            </h3>
            {mlflow.signature === null ? (
              <p className="text-sm text-muted">The MLmodel file records no signature.</p>
            ) : "error" in mlflow.signature ? (
              <p className="text-sm text-danger">{mlflow.signature.error}</p>
            ) : (
              <>
                <SignatureTable label="MLflow inputs" rows={mlflow.signature.inputs} />
                <SignatureTable label="MLflow outputs" rows={mlflow.signature.outputs} />
                {mlflow.signature.params.length ? (
                  <SignatureTable label="MLflow parameters" rows={mlflow.signature.params} />
                ) : null}
              </>
            )}
          </section>
        ) : null}
      </div>
    </Card>
  );
}
