/**
 * API message catalogues keyed by error id. Contract strings (API-CONTRACT.md §3.2) are deliberately absent:
 * they stay English whatever the header says. Login errors avoid the substrings the app searches for
 * ("sso", "link", "verification", "verify your email") in every language (API-CONTRACT.md §2.3).
 */
export type Catalogue = Readonly<Record<string, string>>;

export const en: Catalogue = {
  NOT_FOUND: 'Not found',
  INTERNAL: 'Internal Server Error',
  MALFORMED_JSON: 'Malformed JSON body',
  BODY_TOO_LARGE: 'Request body too large',
  RATE_LIMITED: 'Too many requests. Please try again later.',
  UNAUTHENTICATED_IDLE_TIMEOUT: 'Session expired due to inactivity',
  UNAUTHENTICATED: 'Please authenticate',
  REFRESH_INVALID: 'Invalid or expired refresh token',
  MFA_INVALID: 'Invalid MFA code',
  ACCOUNT_LOCKED: 'This account is locked. Try again later or ask your administrator to unlock it.',
  MFA_ENROLLMENT_REQUIRED:
    'Multi-factor authentication must be set up for administrator accounts. Ask another administrator to extend your setup period.',
  PASSWORD_EXPIRED: 'Your password has expired. We have emailed you instructions to choose a new one.',
  CAREGIVER_NOT_FOUND: 'Caregiver not found',
  ORG_NOT_FOUND: 'Org not found',
  EMAIL_TAKEN: 'Email already taken',
  LAST_ORG_ADMIN: 'An organization must keep at least one orgAdmin',
  RESET_TOKEN_INVALID: 'Invalid or expired password reset token',
  VERIFICATION_TOKEN_INVALID: 'Invalid or expired verification link',
  MFA_ALREADY_ENABLED: 'MFA is already enabled',
  MFA_NOT_ENABLED: 'MFA is not enabled',
  MFA_SETUP_NOT_INITIATED: 'MFA setup not initiated',
  MFA_REQUIRED_FOR_ROLE: 'MFA is required for your role and cannot be disabled',
  PHONE_CODE_EXPIRED: 'Verification code expired. Please request a new code.',
  PHONE_CODE_MISSING: 'No verification code found. Please request a new code.',
  PHONE_CODE_ATTEMPTS: 'Too many incorrect attempts. Please request a new code.',
  SSO_NOT_CONFIGURED: 'SSO is not configured',
  PATIENT_NOT_FOUND: 'Patient not found',
  CAREGIVER_NOT_ASSIGNABLE: 'Caregiver cannot be assigned to patients',
  SCHEDULE_NOT_FOUND: 'Schedule not found',
};

export const es: Catalogue = {
  NOT_FOUND: 'No encontrado',
  INTERNAL: 'Error interno del servidor',
  MALFORMED_JSON: 'Cuerpo JSON mal formado',
  BODY_TOO_LARGE: 'El cuerpo de la solicitud es demasiado grande',
  RATE_LIMITED: 'Demasiadas solicitudes. Inténtelo de nuevo más tarde.',
  UNAUTHENTICATED_IDLE_TIMEOUT: 'La sesión expiró por inactividad',
  UNAUTHENTICATED: 'Inicie sesión de nuevo',
  REFRESH_INVALID: 'Token de actualización no válido o caducado',
  MFA_INVALID: 'Código MFA no válido',
  ACCOUNT_LOCKED: 'Esta cuenta está bloqueada. Inténtelo más tarde o pida a su administrador que la desbloquee.',
  MFA_ENROLLMENT_REQUIRED:
    'Las cuentas de administrador deben configurar la autenticación multifactor. Pida a otro administrador que amplíe su plazo.',
  PASSWORD_EXPIRED: 'Su contraseña ha caducado. Le hemos enviado un correo con instrucciones para elegir una nueva.',
  CAREGIVER_NOT_FOUND: 'Cuidador no encontrado',
  ORG_NOT_FOUND: 'Organización no encontrada',
  EMAIL_TAKEN: 'El correo electrónico ya está en uso',
  LAST_ORG_ADMIN: 'Una organización debe conservar al menos un orgAdmin',
  RESET_TOKEN_INVALID: 'Token de restablecimiento de contraseña no válido o caducado',
  VERIFICATION_TOKEN_INVALID: 'Enlace de verificación no válido o caducado',
  MFA_ALREADY_ENABLED: 'MFA ya está activado',
  MFA_NOT_ENABLED: 'MFA no está activado',
  MFA_SETUP_NOT_INITIATED: 'La configuración de MFA no se ha iniciado',
  MFA_REQUIRED_FOR_ROLE: 'Su rol exige MFA y no se puede desactivar',
  PHONE_CODE_EXPIRED: 'El código ha caducado. Solicite uno nuevo.',
  PHONE_CODE_MISSING: 'No hay ningún código. Solicite uno nuevo.',
  PHONE_CODE_ATTEMPTS: 'Demasiados intentos incorrectos. Solicite un código nuevo.',
  SSO_NOT_CONFIGURED: 'El inicio de sesión único no está configurado',
  PATIENT_NOT_FOUND: 'Paciente no encontrado',
  CAREGIVER_NOT_ASSIGNABLE: 'Este cuidador no se puede asignar a pacientes',
  SCHEDULE_NOT_FOUND: 'Horario no encontrado',
};
