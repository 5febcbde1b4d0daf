import { Table, Td, Th, Tr } from "@/components/ui/table";
import { FilePreviewButton } from "@/components/files/file-preview";
import { formatBytes } from "@/lib/format";

type StoredFile = { path: string; size: number; sha256: string };

/**
 * The files of a model, data asset, job output or code snapshot: each can be viewed in place (text, YAML,
 * JSON, Python, CSV's first rows) or downloaded. `fileUrl` is the API URL of one file (from lib/routes).
 */
export function StoredFilesTable({
  files,
  fileUrl,
  label,
}: {
  files: StoredFile[];
  fileUrl: (path: string) => string;
  label: string;
}) {
  return (
    <Table aria-label={label}>
      <thead>
        <tr>
          <Th>Path</Th>
          <Th className="text-right">Size</Th>
          <Th className="hidden sm:table-cell">SHA-256</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <Tr key={f.path}>
            <Td className="break-all font-mono">{f.path}</Td>
            <Td className="whitespace-nowrap text-right tabular-nums">{formatBytes(f.size)}</Td>
            <Td className="hidden font-mono text-xs text-muted sm:table-cell" title={f.sha256}>
              {f.sha256.slice(0, 12)}…
            </Td>
            <Td className="whitespace-nowrap">
              <span className="flex items-center gap-3">
                <FilePreviewButton url={fileUrl(f.path)} path={f.path} size={f.size} />
                <a
                  className="text-accent hover:underline"
                  aria-label={`Download ${f.path}`}
                  href={fileUrl(f.path)}
                  download
                >
                  Download
                </a>
              </span>
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
