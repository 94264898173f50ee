import { Text } from '@fluentui/react-components';
import { Loading, Outcome, useRead } from '../ui';
import RollScreen from './Roll';

/** The side panel of a Teams meeting: finds Quorum's meeting from the meeting chat, then its roll call. */
export default function MeetingPanel({ chatId }: { chatId: string | undefined }) {
  const found = useRead<{ meetingId: string }>(
    chatId ? `me/meeting-for-chat?chatId=${encodeURIComponent(chatId)}` : undefined,
  );
  if (!chatId) return <Text>Open this tab inside a Teams meeting to see its roll call.</Text>;
  if (found.loading) return <Loading />;
  if (found.error || !found.data) return <Outcome error={found.error} />;
  return <RollScreen meetingId={found.data.meetingId} />;
}
