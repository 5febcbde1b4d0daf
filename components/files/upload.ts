/** The outcome of an upload: the HTTP status and the JSON answer (null when the answer was not JSON). */
export type UploadResult<T> = { status: number; body: (T & { error?: { message: string } }) | null };

/**
 * POSTs a form or JSON body with XMLHttpRequest rather than fetch, because it reports upload progress.
 * Resolves with the answer whatever its status; rejects only when the connection fails.
 */
export function postWithProgress<T>(
  url: string,
  body: FormData | string,
  onProgress: (fraction: number) => void,
): Promise<UploadResult<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    if (typeof body === "string") xhr.setRequestHeader("content-type", "application/json");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let parsed: UploadResult<T>["body"];
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = null;
      }
      resolve({ status: xhr.status, body: parsed });
    };
    xhr.onerror = () => reject(new Error("The upload was interrupted. Check the connection and try again."));
    xhr.send(body);
  });
}
