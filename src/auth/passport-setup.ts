// passport-local over our users; the session keeps only the user id, and the
// user is re-read on every request so a deactivation or role change applies at once.
import passportModule from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import type { Db } from "../db/client.js";
import type { SignedInUser } from "./roles.js";
import { loadSignedInUser, verifyCredentials } from "./verify-credentials.js";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SignedInUser {}
  }
}

export type PassportInstance = InstanceType<typeof passportModule.Authenticator>;

export function createPassport(db: Db): PassportInstance {
  // A fresh instance per app, so apps built by tests never share strategies.
  const passport = new passportModule.Authenticator();
  passport.use(
    new LocalStrategy({ usernameField: "email", passwordField: "password" }, (email, password, done) => {
      verifyCredentials({ db, email, password }).then(
        (user) => done(null, user ?? false),
        (err: unknown) => done(err),
      );
    }),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: unknown, done) => {
    if (typeof id !== "number") return done(null, false);
    loadSignedInUser({ db, userId: id }).then(
      (user) => done(null, user ?? false),
      (err: unknown) => done(err),
    );
  });
  return passport;
}
