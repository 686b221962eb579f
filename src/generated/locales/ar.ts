
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'composer.counter-left': str`الأحرف المتبقية: ${0}`,
'composer.counter-over': str`عدد الأحرف الزائدة عن الحد: ${0}`,
'composer.label': `الرسالة`,
'composer.placeholder': `اكتب رسالتك…`,
'composer.send': `إرسال`,
'launcher.close': `إغلاق المحادثة`,
'launcher.open': `فتح المحادثة`,
'launcher.unread': str`رسائل غير مقروءة: ${0}`,
'live-chat.title': `محادثة`,
'live-chat.welcome': `مرحبًا! كيف يمكننا مساعدتك اليوم؟`,
'message-list.closed': `تم إغلاق المحادثة`,
'message-list.failed': `لم تُرسَل`,
'message-list.joined': str`انضم ${0} إلى المحادثة`,
'message-list.label': `المحادثة`,
'message-list.left': str`غادر ${0} المحادثة`,
'message-list.retry': `إعادة المحاولة`,
'message-list.sending': `جارٍ الإرسال…`,
'message-list.transferred': `تم تحويل المحادثة`,
'message-list.typing': `موظف الدعم يكتب…`,
'message-list.you': `أنت`,
'window.cancel': `إلغاء`,
'window.confirm-end': `هل تريد إنهاء هذه المحادثة؟`,
'window.connecting': `جارٍ الاتصال…`,
'window.end': `إنهاء المحادثة`,
'window.ended': `انتهت هذه المحادثة`,
'window.minimize': `تصغير المحادثة`,
'window.new-chat': `بدء محادثة جديدة`,
'window.offline': `لا يوجد موظف دعم متاح حاليًا.`,
'window.reconnecting': `انقطع الاتصال. جارٍ إعادة الاتصال…`,
    };
  