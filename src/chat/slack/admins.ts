/**
 * Who manages every channel of a Slack workspace: its admins and owners (users.info), and the
 * users in ADMIN_USER_IDS. The adapter and the web dashboard both ask this.
 */
export function slackManages(
  userId: string,
  user: { is_admin?: boolean; is_owner?: boolean } | undefined,
  admins: readonly string[],
): boolean {
  return admins.includes(userId) || Boolean(user?.is_admin || user?.is_owner);
}
