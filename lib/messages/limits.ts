/** The longest message body accepted, in characters (SMS/WhatsApp providers cap around 1,600-4,096). */
export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_NOTE_LENGTH = 4000;
