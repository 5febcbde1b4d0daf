import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/lib/openapi/document";

let cached: ReturnType<typeof buildOpenApiDocument> | null = null;

export function GET() {
  cached ??= buildOpenApiDocument();
  return NextResponse.json(cached);
}
