/**
 * Why a request body is not a Bot Framework activity we can process, or undefined if it is one.
 * CloudAdapter answers such bodies with a 500 by itself; we answer 400 with a short reason instead.
 */
export function activityProblem(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return 'the request has no body; send a JSON activity';
  if (typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) return 'the body must be a JSON object (an activity) sent with Content-Type: application/json';
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || !activity.type) return 'the activity has no "type"';
  if (typeof activity.channelId !== 'string' || !activity.channelId) return 'the activity has no "channelId"';
  const conversation = activity.conversation as Record<string, unknown> | undefined;
  if (typeof conversation !== 'object' || conversation === null || typeof conversation.id !== 'string' || !conversation.id) {
    return 'the activity has no "conversation.id"';
  }
  if (activity.deliveryMode !== 'expectReplies') {
    if (typeof activity.serviceUrl !== 'string' || !URL.canParse(activity.serviceUrl)) return 'the activity has no valid "serviceUrl" to reply to';
  }
  return undefined;
}
