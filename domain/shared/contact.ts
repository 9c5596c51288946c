/** E-mail and phone rules shared by caregivers, patients and organisations (DOMAIN.md §1.1). */
export const normalizeEmail = (raw: string): string => raw.trim().toLowerCase();

export const isValidEmail = (email: string): boolean => {
  if (email.length === 0 || email.length > 254) return false;
  const at = email.indexOf('@');
  if (at <= 0 || at !== email.lastIndexOf('@')) return false;
  const domain = email.slice(at + 1);
  if (/\s/.test(email)) return false;
  const dot = domain.indexOf('.');
  return dot > 0 && dot < domain.length - 1 && !domain.includes('..');
};

/** E.164 normalisation; null when the input cannot be a phone number. */
export const normalizePhone = (raw: string): string | null => {
  const trimmed = raw.trim();
  const plus = trimmed.startsWith('+');
  const digits = trimmed.replace(/\D/g, '');
  let candidate: string;
  if (plus) {
    if (digits.length < 10 || digits.length > 15) return null;
    candidate = `+${digits}`;
  } else if (digits.length === 10) {
    candidate = `+1${digits}`;
  } else if (digits.length === 11 && digits.startsWith('1')) {
    candidate = `+${digits}`;
  } else {
    return null;
  }
  return /^\+[1-9]\d{9,14}$/.test(candidate) ? candidate : null;
};

/** `+16045624263` -> `+1******4263`: first 2 characters, a star per hidden character, last 4. */
export const maskPhone = (phone: string): string => {
  if (phone.length <= 6) return phone;
  return `${phone.slice(0, 2)}${'*'.repeat(phone.length - 6)}${phone.slice(-4)}`;
};
