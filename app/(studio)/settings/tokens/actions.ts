"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/server/http/actions";
import { createAccessToken, revokeAccessToken } from "@/server/tokens/tokens";

export async function createTokenAction(input: { name: string; expiresInDays?: number }) {
  return runAction(async (actor) => {
    const { token, info } = await createAccessToken(actor, input);
    revalidatePath("/settings/tokens");
    return { token, name: info.name };
  });
}

export async function revokeTokenAction(tokenId: string) {
  return runAction(async (actor) => {
    await revokeAccessToken(actor, z.string().max(64).parse(tokenId));
    revalidatePath("/settings/tokens");
    return null;
  });
}
