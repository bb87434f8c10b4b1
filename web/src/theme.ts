import { createTheme } from '@mantine/core';

const CLOSE = { 'aria-label': 'Fechar' };
/**
 * No "*" after required labels: nearly every field here is required, and the
 * asterisk would become part of the label text (`getByLabel('Senha', exact)`).
 * Inputs keep the `required` attribute.
 */
const NO_ASTERISK = { withAsterisk: false };

/**
 * Mantine theme, with pt-BR texts for the built-in labels. Plain objects (not
 * `Component.extend`) so the theme does not pull every component into the main chunk.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  components: {
    Modal: { defaultProps: { closeButtonProps: CLOSE } },
    Drawer: { defaultProps: { closeButtonProps: CLOSE } },
    Notification: { defaultProps: { closeButtonProps: CLOSE } },
    Alert: { defaultProps: { closeButtonLabel: 'Fechar' } },
    // Badges read as written ("Ativo", not "ATIVO"): what is shown is what is in the DOM.
    Badge: { styles: { root: { textTransform: 'none' } } },
    TextInput: { defaultProps: NO_ASTERISK },
    NumberInput: { defaultProps: NO_ASTERISK },
    PasswordInput: {
      defaultProps: { ...NO_ASTERISK, visibilityToggleButtonProps: { 'aria-label': 'Mostrar ou ocultar senha' } },
    },
    Select: { defaultProps: { ...NO_ASTERISK, nothingFoundMessage: 'Nenhuma opção encontrada', allowDeselect: false } },
    MultiSelect: { defaultProps: { ...NO_ASTERISK, nothingFoundMessage: 'Nenhuma opção encontrada' } },
  },
});
