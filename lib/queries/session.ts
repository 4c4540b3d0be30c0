// Ending the session from any page, without loading better-auth's client into every page.
import { send } from "./api";

export const signOut = () => send<{ success: boolean }>("POST", "/api/auth/sign-out", {});
