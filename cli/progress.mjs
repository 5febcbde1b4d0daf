// Upload progress on stderr, for uploads of 1 MiB or more: a bar redrawn in place on a terminal; in a CI log, one
// line at each quarter.
const WIDTH = 30;
/** Smaller uploads take no time worth showing. */
const MIN_BYTES = 1024 * 1024;

const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function uploadProgress(stream = process.stderr) {
  let lastQuarter = -1;
  let isDone = false;
  return (sent, total) => {
    const share = total ? Math.min(1, sent / total) : 1;
    if (isDone || total < MIN_BYTES) return;
    isDone = share === 1;
    if (stream.isTTY) {
      const filled = Math.round(share * WIDTH);
      stream.write(
        `\rUploading [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${Math.round(share * 100)}% of ${megabytes(total)}`,
      );
      if (share === 1) stream.write("\n");
      return;
    }
    const quarter = Math.floor(share * 4);
    if (quarter === lastQuarter) return;
    lastQuarter = quarter;
    stream.write(`Uploading: ${quarter * 25}% of ${megabytes(total)}\n`);
  };
}
