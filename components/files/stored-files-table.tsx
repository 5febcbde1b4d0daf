import { Table, Td, Th, Tr } from "@/components/ui/table";
import { FilePreviewButton } from "@/components/files/file-preview";
import { formatBytes } from "@/lib/format";

type StoredFile = { path: string; size: number; sha256: string };

/** The URL of one file under a files endpoint, each path segment encoded. */
export const fileUrl = (filesBase: string, path: string) =>
  `${filesBase}/${path.split("/").map(encodeURIComponent).join("/")}`;

/**
 * The files of a model, data asset, job output or code snapshot: each can be viewed in place (text, YAML,
 * JSON, Python, CSV's first rows) or downloaded. `filesBase` is the API URL the files live under.
 */
export function StoredFilesTable({
  files,
  filesBase,
  label,
}: {
  files: StoredFile[];
  filesBase: string;
  label: string;
}) {
  return (
    <div className="overflow-x-auto">
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
                  <FilePreviewButton url={fileUrl(filesBase, f.path)} path={f.path} size={f.size} />
                  <a
                    className="text-accent hover:underline"
                    aria-label={`Download ${f.path}`}
                    href={fileUrl(filesBase, f.path)}
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
    </div>
  );
}
