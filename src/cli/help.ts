/** The text of `connector-tencent-sms --help`. */
export const helpText = `Usage: connector-tencent-sms <command> [options]

Commands
  emulator   Run a local Tencent Cloud SMS emulator (SendSms 2021-01-11) with an inbox page.
  send       Send one verification code through the connector with a config file, to check
             credentials, signature and templates before pasting them into Logto.
  demo       Start an emulator, send through the built connector and show what Logto would show.

emulator [--port N] [--host ADDRESS] [--account file.json] [--max-messages N]
  --port N             Port to listen on (default 4567; 0 picks a free one).
  --host ADDRESS       Address to listen on (default 127.0.0.1). 0.0.0.0 listens on every
                       interface, e.g. in a container whose Logto shares its network; Logto then
                       still uses http://127.0.0.1:PORT (plain http only works on loopback).
  --account file.json  The emulated account: secretId, secretKey, optional sessionToken, apps
                       (sdkAppId, region, international limits), approved signatures, templates
                       and frequency limits. Without it a built-in demo account with public keys
                       is served, and the settings for Logto's Console are printed on start.
  --max-messages N     Messages the inbox keeps, newest first (default 1000); older are dropped.
  Endpoints: POST / (SendSms), GET /[?page=N] (inbox page, 50 a page), GET /messages[?phone=],
  DELETE /messages (also resets the frequency and daily limits).

send --config config.json --to +8613012345678 [--type SignIn] [--code 123456] [--locale en]
  --config file.json   The connector config, exactly as in Logto's Console (JSON). Set
                       "endpoint": "http://127.0.0.1:4567" in it to try against the emulator.
  --to NUMBER          Recipient with country code: +8613012345678, 8613012345678, +14155552671.
                       Eleven digits starting 13-19 without + or 00 are refused, nothing sent:
                       Logto reads 13012345678 as +1 301 234 5678, a mainland reader as +86.
  --type TYPE          Logto message type (default SignIn): SignIn, Register, ForgotPassword,
                       Generic, OrganizationInvitation, UserPermissionValidation,
                       BindNewIdentifier, MfaVerification, BindMfa.
  --code CODE          The verification code to send (default 123456).
  --locale TAG         The user's locale (e.g. en, zh-CN), used to pick a localized template.
  Environment: TENCENT_SMS_SECRET_KEY, when set, is used as accessKeySecret so the secret can
  stay out of the file.
  Sends as a sign-in flow does. Prints how the number was read (country included) and the
  endpoint the request really goes to (after the "advanced" switch); then the RequestId, SerialNo,
  fee and country on success, or on failure the connector error code, Tencent's error code, what
  Logto would show for it, and below that the full diagnosis the Console's test shows (for a
  general error, which the Console shows whole, only what it adds: the number as read).
  Exit status 0 on success, 1 otherwise.

demo
  Same as \`npm run demo\`, without the build step.

  -h, --help           Show this help.
`;
